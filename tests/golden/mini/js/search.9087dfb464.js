(function(){"use strict";var form=document.querySelector("form[data-index]");if(!form||!window.fetch||!String.prototype.normalize){return;}
var input=form.querySelector("input[type=search]");var status=document.getElementById("search-status");var list=document.getElementById("search-results");var moreButton=document.getElementById("search-more");var msg=form.dataset;var PAGE=10;var manifestUrl=new URL(form.getAttribute("data-index"),window.location.href);var manifest=null;var files={};var hits=[];var shown=0;var query=[];var generation=0;var timer=null;function fold(text){return text.normalize("NFC").replace(/đ/g,"d").replace(/Đ/g,"D").normalize("NFKD").replace(/[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]/g,"").toLowerCase();}
function terms(text){var seen={};return(fold(text).match(/[a-z0-9]+/g)||[]).filter(function(t){if(seen[t]){return false;}
seen[t]=true;return true;});}
function format(template,values){return template.replace(/\{(\w+)\}/g,function(_,key){return values[key];});}
function getJson(name){if(!files[name]){files[name]=fetch(new URL(name,manifestUrl).href).then(function(r){if(!r.ok){throw new Error(r.status+" "+name);}
return r.json();});files[name].catch(function(){delete files[name];});}
return files[name];}
function loadManifest(){if(manifest){return Promise.resolve(manifest);}
return fetch(manifestUrl.href).then(function(r){if(!r.ok){throw new Error(r.status);}
return r.json();}).then(function(data){data.shardSet={};data.shards.split(" ").forEach(function(entry){var dot=entry.indexOf(".");data.shardSet[entry.slice(0,dot)]=entry.slice(dot+1);});data.chunkHashes=data.chunks.split(" ");manifest=data;return data;});}
function decode(text){var ids=[],previous=-1;text.split(",").forEach(function(part){var plus=part.indexOf("+");var gap=plus<0?part:part.slice(0,plus);var run=plus<0?0:parseInt(part.slice(plus+1),36);previous+=parseInt(gap,36);ids.push(previous);for(var i=0;i<run;i++){previous+=1;ids.push(previous);}});return ids;}
function shardFor(term){var key=term.slice(0,manifest.key);var hash=Object.prototype.hasOwnProperty.call(manifest.shardSet,key)?manifest.shardSet[key]:"";return hash?getJson(manifest.folder+"w-"+key+"."+hash+".json"):Promise.resolve({});}
function termScores(term,shard){var scores={};function add(postings,value){decode(postings).forEach(function(id){if((scores[id]||0)<value){scores[id]=value;}});}
Object.keys(shard).forEach(function(word){var exact=word===term;if(!exact&&(term.length<manifest.key||word.indexOf(term)!==0)){return;}
var entry=shard[word];var body=typeof entry==="string"?entry:entry[0];add(body,exact?2:1);if(typeof entry!=="string"){add(entry[1],exact?5:3);}});return scores;}
function rank(perTerm){var total=perTerm[0];var result=[];Object.keys(total).forEach(function(id){var sum=0;for(var i=0;i<perTerm.length;i++){var s=perTerm[i][id];if(!s){return;}
sum+=s;}
result.push({id:+id,score:sum});});return result.sort(function(a,b){return b.score-a.score||a.id-b.id;});}
function wordPattern(){try{return new RegExp("[\\p{L}\\p{N}\\p{M}]+","gu");}
catch(e){return/[0-9A-Za-z\u00c0-\u024f\u0300-\u036f\u1e00-\u1eff]+/g;}}
function highlighted(text,parent){var pattern=wordPattern(),last=0,match,mark=null;while((match=pattern.exec(text))){var folded=fold(match[0]);var hit=query.some(function(t){return folded===t||(t.length>=2&&folded.indexOf(t)===0);});if(!hit){continue;}
var gap=text.slice(last,match.index);if(mark&&last>0&&/^\s+$/.test(gap)){mark.textContent+=gap+match[0];}else{parent.appendChild(document.createTextNode(gap));mark=document.createElement("mark");mark.textContent=match[0];parent.appendChild(mark);}
last=match.index+match[0].length;}
parent.appendChild(document.createTextNode(text.slice(last)));}
function numberPattern(){try{return new RegExp("\\d[\\p{L}\\p{N}]*(?:-[\\p{L}\\p{N}]+)*(?:/[\\p{L}\\p{N}]+(?:-[\\p{L}\\p{N}]+)*)+","gu");}
catch(e){return/\d[0-9A-Za-z\u00c0-\u024f\u1e00-\u1eff]*(?:-[0-9A-Za-z\u00c0-\u024f\u1e00-\u1eff]+)*(?:\/[0-9A-Za-z\u00c0-\u024f\u1e00-\u1eff]+(?:-[0-9A-Za-z\u00c0-\u024f\u1e00-\u1eff]+)*)+/g;}}
function headline(text,parent){var pattern=numberPattern(),last=0,match;while((match=pattern.exec(text))){highlighted(text.slice(last,match.index),parent);var span=document.createElement("span");span.className="nowrap";highlighted(match[0],span);parent.appendChild(span);last=match.index+match[0].length;}
highlighted(text.slice(last),parent);}
function item(doc){var li=document.createElement("li");var heading=document.createElement("h3");var link=document.createElement("a");link.href=doc[1];headline(doc[0],link);heading.appendChild(link);li.appendChild(heading);if(doc[2]){var meta=document.createElement("p");var time=document.createElement("time");meta.className="meta";time.textContent=doc[2];if(doc[3]){time.setAttribute("datetime",doc[3]);}
meta.appendChild(time);li.appendChild(meta);}
if(doc[4]){var snippet=document.createElement("p");highlighted(doc[4],snippet);li.appendChild(snippet);}
return li;}
function showMore(mine,raw,focusFirst){var page=hits.slice(shown,shown+PAGE);var chunks={};page.forEach(function(h){chunks[Math.floor(h.id/manifest.chunk)]=true;});return Promise.all(Object.keys(chunks).map(function(n){return getJson(manifest.folder+"d-"+n+"."+manifest.chunkHashes[n]+".json").then(function(rows){chunks[n]=rows;});})).then(function(){if(mine!==generation){return;}
var first=null;page.forEach(function(h){var li=item(chunks[Math.floor(h.id/manifest.chunk)][h.id%manifest.chunk]);first=first||li;list.appendChild(li);});shown+=page.length;moreButton.hidden=shown>=hits.length;var text=format(hits.length===1?msg.one:msg.found,{n:hits.length,q:raw});if(shown<hits.length){text+=" "+format(msg.shown,{n:shown});}
status.textContent=text;if(focusFirst&&first){first.querySelector("a").focus();}});}
function run(){var raw=input.value.trim();var mine=++generation;query=terms(raw);list.textContent="";moreButton.hidden=true;hits=[];shown=0;if(!query.length){status.textContent="";return;}
status.textContent=msg.loading;loadManifest().then(function(){return Promise.all(query.map(function(t){return shardFor(t).then(function(shard){return termScores(t,shard);});}));}).then(function(perTerm){if(mine!==generation){return;}
hits=rank(perTerm);if(!hits.length){status.textContent=format(msg.none,{q:raw});return;}
return showMore(mine,raw,false);}).catch(function(){if(mine===generation){status.textContent=msg.error;}});}
function remember(){var url=new URL(window.location.href);if(input.value.trim()){url.searchParams.set("q",input.value.trim());}else{url.searchParams.delete("q");}
window.history.replaceState(null,"",url.href);}
form.addEventListener("submit",function(event){event.preventDefault();clearTimeout(timer);remember();run();});input.addEventListener("input",function(){clearTimeout(timer);timer=setTimeout(function(){remember();run();},250);});moreButton.addEventListener("click",function(){showMore(generation,input.value.trim(),true);});var initial=new URLSearchParams(window.location.search).get("q");if(initial){input.value=initial;run();}})();
